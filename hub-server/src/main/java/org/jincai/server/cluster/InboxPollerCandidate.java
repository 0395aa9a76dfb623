package org.jincai.server.cluster;

import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;

/** This node as a candidate for the role of inbox poller, in Spring Integration's lock-registry election. */
class InboxPollerCandidate implements Candidate {

    static final String ROLE = "jincai-inbox-poller";

    private final ClusterNode node;

    InboxPollerCandidate(ClusterNode node) {
        this.node = node;
    }

    @Override
    public String getRole() {
        return ROLE;
    }

    @Override
    public String getId() {
        return node.nodeId();
    }

    @Override
    public void onGranted(Context context) throws InterruptedException {
        try {
            node.lead();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // cannot poll: give the lead back, so that another node polls
            node.follow();
            context.yield();
        }
    }

    @Override
    public void onRevoked(Context context) {
        node.follow();
    }
}
