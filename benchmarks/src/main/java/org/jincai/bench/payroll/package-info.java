/** The payroll benchmark ({@code ./jincai bench payroll}) and the payroll files the demo and the benchmark pay. */
package org.jincai.bench.payroll;
