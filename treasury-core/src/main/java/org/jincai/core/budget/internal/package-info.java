/** How budget files are read: a strict CSV reader that names the line of what it cannot read. */
package org.jincai.core.budget.internal;
