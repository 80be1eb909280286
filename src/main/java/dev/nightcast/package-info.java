/**
 * Nightcast's entry point, {@link dev.nightcast.NightcastApplication}: the Spring Boot application
 * that narrates folders of podcast scripts through the GPT Realtime API as a Spring Batch job. The
 * packages below it read as the flow, top to bottom (docs/DESIGN.md, Packages). Every package is
 * {@code @NullMarked}: a value that may be absent is declared {@code @Nullable}, and NullAway checks
 * it at compile time.
 */
@NullMarked
package dev.nightcast;

import org.jspecify.annotations.NullMarked;
