/**
 * The glue between the fiscal controls of the core and the hub's users: who acts, with which roles and data scope,
 * and the scope on the endpoints the core's controls do not scope themselves.
 */
package org.jincai.server.controls;
