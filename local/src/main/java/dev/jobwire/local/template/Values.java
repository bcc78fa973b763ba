package dev.jobwire.local.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Scalars of a template as the text CloudFormation passes on: {@code 3}, never {@code 3.0}. */
final class Values {
    private Values() {
    }

    /** The text of a YAML scalar, or null if {@code value} is a mapping, a list or null. */
    static String scalar(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return value.toString();
            }
            return plain(BigDecimal.valueOf(number));
        }
        if (value instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    private static String plain(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
