package dev.nightcast.realtime;

/**
 * Where a transcript delta arrived in the audio: the delta that starts at {@code character} of the
 * response's transcript came when {@code audioByte} bytes of its audio had been received. The
 * service interleaves transcript and audio deltas as it speaks, so this places the words in time
 * within the response (captions), with the lead the transcript has over its audio as the error.
 */
public record TranscriptMark(int character, long audioByte) {}
