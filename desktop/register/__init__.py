"""The action register: an id-list table model fed by SQL, its filter bar, bulk operations and the panel."""
