/** Bank routes: staged payment files up to each bank's SFTP inbox, answers down from its outbox. */
package org.jincai.routes.bank;
