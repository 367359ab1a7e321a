// The inbox module's workflow-safe entry: what a task is and how the inbox orders them.
export * from './rules/tasks';
export * from './rules/inbox';
