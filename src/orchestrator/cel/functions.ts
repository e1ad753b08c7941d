/** Names of the CEL functions kro's environment knows, for telling functions from resource references. */

/** CEL's standard functions and macros (operators excluded). */
export const STANDARD_FUNCTIONS: readonly string[] = [
  'size', 'string', 'int', 'uint', 'double', 'bool', 'bytes', 'duration', 'timestamp', 'type', 'dyn', 'matches',
  'startsWith', 'endsWith', 'contains', 'has', 'all', 'exists', 'exists_one', 'map', 'filter',
  'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getFullYear', 'getHours', 'getMilliseconds',
  'getMinutes', 'getMonth', 'getSeconds',
];

/** The strings extension, kro's libraries and the optional-type helpers kro enables. */
export const KRO_LIBRARY_FUNCTIONS: readonly string[] = [
  'charAt', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'replace', 'split', 'substring', 'trim', 'join',
  'format', 'strings.quote', 'reverse',
  'random.seededString', 'base64.encode', 'base64.decode', 'json.marshal', 'json.unmarshal',
  'hash.fnv64a', 'hash.sha256', 'hash.md5',
  'lists.range', 'sum', 'min', 'max', 'isSorted', 'sort', 'sortBy', 'distinct', 'flatten', 'slice', 'first', 'last',
  'quantity', 'isQuantity', 'isGreaterThan', 'isLessThan', 'compareTo', 'add', 'sub', 'asInteger', 'asApproximateFloat',
  'url', 'isURL', 'ip', 'isIP', 'cidr', 'isCIDR', 'sets.contains', 'sets.equivalent', 'sets.intersects',
  'math.greatest', 'math.least', 'math.ceil', 'math.floor', 'math.round', 'math.abs', 'math.sign',
  'orValue', 'hasValue', 'value', 'optional.of', 'optional.none', 'optional.ofNonZeroValue', 'cel.bind', 'omit',
];

/** Namespaces that hold only functions (a call `json.marshal(...)` is never a reference to a resource `json`). */
export const FUNCTION_NAMESPACES: readonly string[] = ['random', 'base64', 'json', 'hash', 'lists', 'sets', 'math', 'strings', 'optional', 'cel'];

/**
 * Macros written as methods that bind their leading identifier arguments as variables of the
 * last argument (`list.sortBy(x, key)`, two-variable `map.all(k, v, cond)`), which the parser
 * leaves as plain calls.
 */
export const BINDING_METHODS: readonly string[] = [
  'sortBy', 'all', 'exists', 'existsOne', 'exists_one', 'map', 'filter', 'transformList', 'transformMap', 'transformMapEntry',
];
