-- Several hub nodes on one database (docs/deployment.md).
--
-- INT_LOCK: Spring Integration's JDBC lock registry (its schema, as its jar ships it for every vendor). The
-- nodes elect the one that polls the finance systems' inboxes by holding the lock of the role in it; a lock
-- not renewed within its time to live (a node lost) is taken by another node.
CREATE TABLE INT_LOCK (
    LOCK_KEY      VARCHAR(36)  NOT NULL,
    REGION        VARCHAR(100) NOT NULL,
    CLIENT_ID     VARCHAR(36),
    CREATED_DATE  TIMESTAMP    NOT NULL,
    EXPIRED_AFTER TIMESTAMP    NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- CAMEL_MESSAGEPROCESSED: Camel's JDBC idempotent repository, here the inbox consumers' shared in-progress
-- claims: a node taking a file from a shared inbox first inserts its key; another node finding the key skips
-- the file. The taker refreshes createdAt while it works, so a claim left by a node lost mid-file is free
-- again once it is older than the claims' maximum age.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(512) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    CONSTRAINT CAMEL_MESSAGEPROCESSED_PK PRIMARY KEY (processorName, messageId)
);
