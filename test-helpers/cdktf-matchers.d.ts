// Types of cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...) for every
// test file; jest.setup.js registers the matchers themselves.
import "cdktf/lib/testing/adapters/jest";
