// What depends only on part of the settings (the costs to serve, the lifetime-value factor, the
// industry ratios) is worked out once per settings object, not once per company: a portfolio pass
// scores thousands of companies with one settings object.

/**
 * compute(key), worked out on the first call for each key object and remembered while the key lives.
 *
 * The last key and its value are checked first: a pass asks with the same object for every company,
 * and an identity check is several times cheaper than a WeakMap lookup (the engine asks four times a
 * company). That one last key is held strongly until another key is asked for.
 */
export function oncePerSettings<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  return (key) => {
    if (key === lastKey) return lastValue as V;
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      known.set(key, value);
    }
    lastKey = key;
    lastValue = value;
    return value;
  };
}
