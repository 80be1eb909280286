package dev.nightcast.cluster;

/**
 * The manager could not send the run's partitions because the broker did not answer. The reason is
 * for the operator, one line, and complete: the log prints it without a stack trace (there is no
 * defect to find, only a broker to bring back) and the run's summary shows it as the stop reason.
 */
final class BrokerUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BrokerUnreachableException(String reason) {
        super(reason, null, false, false);
    }

    /** Only the reason: Spring Batch writes this into the step's exit description, which the summary shows. */
    @Override
    public String toString() {
        return String.valueOf(getMessage());
    }
}
