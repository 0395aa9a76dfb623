/**
 * Several hub nodes on one database (docs/deployment.md): the election of the node that polls the finance
 * systems' inboxes (Spring Integration's JDBC lock registry), and the node's role in health (with its Quartz
 * instance and the Spring Batch steps running on it), and the sweep by which the survivors take over the bank files a
 * lost node staged and never began to upload, and the receipts, returns and notices it staged and never delivered to
 * a finance system ({@link org.jincai.server.cluster.StagedFileSweep}). Inbox files are claimed in the database by
 * the routes themselves ({@code org.jincai.routes.InboxClaims}); Quartz fires each schedule on one node by its own
 * clustering.
 */
package org.jincai.server.cluster;
