import { cleanup } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

// Preact 11 runs the effect cleanups of an unmounted component after paint, on a 35 ms timer. Unmounting
// inside act runs them now, so none fires after the test file's jsdom is torn down ("document is not
// defined") or leaks a listener into the next test.
afterEach(() => act(() => cleanup()));
