/**
 * Money and time limits of a run: the {@link dev.nightcast.budget.PriceTable} that prices reported
 * token usage, {@link dev.nightcast.budget.UsageEstimate} for episodes not narrated yet, the
 * {@code max-cost} {@link dev.nightcast.budget.SpendBudget} and the {@code finish-by} deadline
 * ({@link dev.nightcast.budget.RunLimits}).
 */
@NullMarked
package dev.nightcast.budget;

import org.jspecify.annotations.NullMarked;
