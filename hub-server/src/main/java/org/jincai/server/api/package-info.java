/** The REST API (/api/v1): voucher submission and coded JSON errors. */
package org.jincai.server.api;
