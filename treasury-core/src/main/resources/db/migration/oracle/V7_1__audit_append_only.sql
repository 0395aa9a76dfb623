-- On Oracle the same rule as on PostgreSQL: an update or delete of an audit record fails.
CREATE OR REPLACE TRIGGER audit_record_append_only
    BEFORE UPDATE OR DELETE ON audit_record FOR EACH ROW
BEGIN
    RAISE_APPLICATION_ERROR(-20001, 'AUDIT_APPEND_ONLY: the audit trail is append-only');
END;
/
