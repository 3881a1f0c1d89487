/**
 * Stands in for cdktf's lib/tokens/private/stack-trace.js in the synth bundle (see bin/bundle.cjs).
 *
 * cdktf records where every token was created, so that it can quote that stack if the token
 * fails to resolve, and its version formats the trace into strings at once. Formatting is most
 * of the cost: a fifth of a default synth and two fifths of a 50-environment one, for traces that
 * are read only in an error message (`creationStack.join(...)`, `.length`). This version captures
 * the same frames at the same moment (V8 records them cheaply) and formats them on first use,
 * into the same array of strings.
 *
 * The array is a Proxy over a real array: every trap formats first, then behaves as the array.
 * Left as they are: node's util.inspect looks past proxies (an unread trace prints as []),
 * structuredClone refuses them, and Error.prepareStackTrace applies as it is when the trace is
 * first read. cdktf does none of these with a creation stack.
 */
"use strict";

/** Frames not formatted yet: the array behind each proxy, to the object V8 recorded them on. */
const unformatted = new WeakMap();

function format(frames) {
  const holder = unformatted.get(frames);
  if (holder === undefined) return;
  // Read before forgetting the holder: if formatting throws, the next read tries again.
  const stack = holder.stack;
  unformatted.delete(frames);
  if (stack) frames.push(...stack.split("\n").slice(1).map((s) => s.replace(/^\s*at\s+/, "")));
}

/** One handler for every trace: each trap formats its array, then forwards to it. */
const formatFirst = {
  get: (frames, key, receiver) => (format(frames), Reflect.get(frames, key, receiver)),
  set: (frames, key, value, receiver) => (format(frames), Reflect.set(frames, key, value, receiver)),
  has: (frames, key) => (format(frames), Reflect.has(frames, key)),
  ownKeys: (frames) => (format(frames), Reflect.ownKeys(frames)),
  getOwnPropertyDescriptor: (frames, key) => (format(frames), Reflect.getOwnPropertyDescriptor(frames, key)),
  defineProperty: (frames, key, descriptor) => (format(frames), Reflect.defineProperty(frames, key, descriptor)),
  deleteProperty: (frames, key) => (format(frames), Reflect.deleteProperty(frames, key)),
  preventExtensions: (frames) => (format(frames), Reflect.preventExtensions(frames)),
  isExtensible: (frames) => (format(frames), Reflect.isExtensible(frames)),
};

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
  unformatted.set(frames, holder);
  return new Proxy(frames, formatFirst);
}

exports.captureStackTrace = captureStackTrace;
