/** The hub's own recurring schedules, from configuration ({@code jincai.schedules}), and the jobs only they launch. */
package org.jincai.scheduler.builtin;
