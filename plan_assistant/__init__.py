"""plan-assistant: cited answers over Thai government plan documents."""
