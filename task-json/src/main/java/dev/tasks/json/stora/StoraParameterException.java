package dev.tasks.json.stora;

import java.util.Objects;

/**
 * A URL parameter (a query parameter such as {@code page} or {@code limit}) that is not one of its
 * values. {@link StoraError#from(StoraParameterException, String)} turns it into Stora's
 * {@code invalid_url_param} (422) naming the parameter.
 */
public final class StoraParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * Creates the exception.
     *
     * @param parameter the parameter's name, e.g. {@code limit}
     * @param message what is wrong, fit for an API client, e.g. {@code limit must be from 1 to 100}
     */
    public StoraParameterException(String parameter, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    /**
     * The parameter at fault.
     *
     * @return its name, e.g. {@code page}
     */
    public String parameter() {
        return parameter;
    }
}
