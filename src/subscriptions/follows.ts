// The rule lives in content/follows.ts (the database and the pages read it too); this name
// stays while work that started from it is merged.
export * from "../content/follows.ts";
