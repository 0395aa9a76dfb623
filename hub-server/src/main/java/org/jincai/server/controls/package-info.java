/** The glue between the fiscal controls of the core and the hub's users: who acts, with which roles and scope. */
package org.jincai.server.controls;
