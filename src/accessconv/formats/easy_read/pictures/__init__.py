"""Pictures for Easy Read points: symbol sets, the concept index, the choice for a whole document."""
