package dev.contrastive4j.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validated, typed parameter values for one loss or converter: every declared parameter has a value
 * (the user's, or the default). Built by the core from a loss expression; plugins only read it.
 */
public final class ParameterValues {

    private final Map<String, Object> values;
    private final Set<String> explicit;

    private ParameterValues(Map<String, Object> values, Set<String> explicit) {
        this.values = Collections.unmodifiableMap(values);
        this.explicit = Set.copyOf(explicit);
    }

    /**
     * Combines the specs' defaults with already-parsed user values.
     *
     * @param specs the declared parameters
     * @param userValues typed values the user set, by parameter name
     * @return a value for every declared parameter
     * @throws IllegalArgumentException if a user value names no declared parameter
     */
    public static ParameterValues of(List<ParameterSpec> specs, Map<String, Object> userValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            values.put(spec.name(), userValues.getOrDefault(spec.name(), spec.defaultValue()));
        }
        for (String name : userValues.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'");
            }
        }
        return new ParameterValues(values, userValues.keySet());
    }

    /**
     * Every declared parameter at its default.
     *
     * @param specs the declared parameters
     * @return their default values
     */
    public static ParameterValues defaults(List<ParameterSpec> specs) {
        return of(specs, Map.of());
    }

    /**
     * A {@link ParameterType#NUMBER} (or {@link ParameterType#INTEGER}) value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * An {@link ParameterType#INTEGER} value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /**
     * A {@link ParameterType#BOOLEAN} value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /**
     * A {@link ParameterType#STRING} or {@link ParameterType#CHOICE} value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    public String getString(String name) {
        return (String) require(name);
    }

    /**
     * An {@link ParameterType#INTEGER_LIST} value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default, unmodifiable
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    @SuppressWarnings("unchecked")
    public java.util.List<Integer> getIntList(String name) {
        return (java.util.List<Integer>) require(name);
    }

    /**
     * A {@link ParameterType#NUMBER_LIST} value.
     *
     * @param name a declared parameter's name
     * @return its value, the user's or the default, unmodifiable
     * @throws IllegalArgumentException if no parameter of that name is declared
     */
    @SuppressWarnings("unchecked")
    public java.util.List<Double> getDoubleList(String name) {
        return (java.util.List<Double>) require(name);
    }

    /**
     * Whether the user set this parameter.
     *
     * @param name a parameter's name
     * @return true if the loss expression named it, false if it took its default
     */
    public boolean isExplicit(String name) {
        return explicit.contains(name);
    }

    /**
     * All values.
     *
     * @return an unmodifiable map of name to value, in declaration order
     */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' is declared; declared: " + values.keySet());
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterValues p && p.values.equals(values) && p.explicit.equals(explicit);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + explicit.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
