package dev.jobwire.local.template;

/** A template the local runtime cannot run; the message names the resource at fault. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
