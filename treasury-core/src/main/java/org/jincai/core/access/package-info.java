/**
 * Who may see and act on what: a user's data scope of administrative divisions (with their children) and
 * agencies, which every query and action on vouchers, payments, approvals and alerts honours.
 */
package org.jincai.core.access;
