/** Release of approved payments to banks: grouping, splitting, rendering, staging and delivery records. */
package org.jincai.core.release;
