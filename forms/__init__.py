"""WTForms (Flask-WTF) forms shared by more than one menu, and their Korean validators."""
