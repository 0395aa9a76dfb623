/** Bank business days: weekends, public holidays and adjusted working days, as data per year. */
package org.jincai.core.calendar;
