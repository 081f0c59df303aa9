// Stub (compile-time only, never shipped): Storm's "the subprocess pipe ended" exception.
package org.apache.storm.multilang;

public class NoOutputException extends Exception {
    public NoOutputException(String message) {
        super(message);
    }
}
