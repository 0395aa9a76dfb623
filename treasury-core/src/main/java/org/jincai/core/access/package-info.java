/**
 * Who may see and act on what: a user's data scope of administrative divisions (with their children) and
 * agencies, which every query and action on vouchers, payments, deliveries, approvals, alerts and the audit trail
 * honours.
 */
package org.jincai.core.access;
