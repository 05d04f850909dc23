// Install-time steps that make a clean clone ready: provider bindings generation is added by the bindings work.
