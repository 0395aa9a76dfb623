/** Detects what a file is (fiscal voucher envelope, ISO 20022 message and version) and inspects it: validity, problems and a JSON-ready summary. */
package org.jincai.formats.inspect;
