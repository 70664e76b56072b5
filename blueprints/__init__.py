"""Menu packages: each sub-package exposes `plugin`, discovered by portal.plugins at start-up."""
