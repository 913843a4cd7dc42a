"""The Security Council: its members, Article 27's voting rule, the vote scenarios, and
the vote simulator widget."""
