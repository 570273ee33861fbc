import { z } from "zod";

// zod probes for its JIT by calling Function(""), which the CSP (no 'unsafe-eval') reports as a violation in the
// browser. Client components that pull in zod schemas import this module first, so zod never tries.
z.config({ jitless: true });
