// Things every module shares, each defined once: roles and actors, China's civil time and
// calendar, durations, bounds of stored numbers, text rules, the reader's language, the :id
// path parameter. All of it is pure (no Node, no I/O), so workflow code may import it too.
export * from './actor';
export * from './bounds';
export * from './calendar';
export * from './china-time';
export * from '../../platform/config/duration';
export * from './locale';
export * from './params';
export * from './text';
