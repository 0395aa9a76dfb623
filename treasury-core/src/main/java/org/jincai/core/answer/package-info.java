/** Bank answers (status reports, return files) applied once each to the payments they cover. */
package org.jincai.core.answer;
