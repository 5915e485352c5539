// What depends only on part of the settings (the costs to serve, the lifetime-value factor, the
// industry ratios) is worked out once per settings object, not once per company: a portfolio pass
// scores thousands of companies with one settings object.

/** compute(key), worked out on the first call for each key object and remembered while the key lives. */
export function oncePerSettings<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}
