/** Alias module: the app imports the engine factory from here; the implementation is create-engine.ts. */
export { createEngine, EngineError } from './create-engine';
