import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Rendering a whole test app pulls in Material UI and the core components;
// on a busy two-core CI machine the first render of a file can take many
// seconds, so give the suites room rather than flake.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 20_000 });
