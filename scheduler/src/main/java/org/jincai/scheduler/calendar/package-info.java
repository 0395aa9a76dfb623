/** Bank working days as data in the hub's database: loaded by an operator from CSV, read as a BankCalendar. */
package org.jincai.scheduler.calendar;
