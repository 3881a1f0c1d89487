/**
 * Stands in for cdktf's lib/tokens/private/stack-trace.js in the synth bundle (see bin/synth.cjs).
 *
 * cdktf records where every token was created, so that it can quote that stack if the token
 * fails to resolve, and its version formats the trace into strings at once. Formatting is most
 * of the cost: a fifth of a default synth and two fifths of a 50-environment one, for traces that
 * are read only in an error message. This version captures the same frames at the same moment
 * (V8 records them cheaply) and formats them on first use, into the same array of strings.
 */
"use strict";

/** Captures a complete stack trace at the point of invocation; `below` and above are left out. */
function captureStackTrace(below) {
  below = below || captureStackTrace;
  const holder = { stack: "" };
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    // Records the frames; V8 turns them into text only when holder.stack is read.
    Error.captureStackTrace(holder, below);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  const frames = [];
  let formatted = false;
  const format = () => {
    if (formatted) return;
    formatted = true;
    if (holder.stack) frames.push(...holder.stack.split("\n").slice(1).map((s) => s.replace(/^\s*at\s+/, "")));
  };
  // A real array behind the proxy: every read formats first, then sees ordinary array behaviour.
  return new Proxy(frames, {
    get: (target, key, receiver) => (format(), Reflect.get(target, key, receiver)),
    has: (target, key) => (format(), Reflect.has(target, key)),
    ownKeys: (target) => (format(), Reflect.ownKeys(target)),
    getOwnPropertyDescriptor: (target, key) => (format(), Reflect.getOwnPropertyDescriptor(target, key)),
    set: (target, key, value, receiver) => (format(), Reflect.set(target, key, value, receiver)),
  });
}

exports.captureStackTrace = captureStackTrace;
