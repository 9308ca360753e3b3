print("orgprofile")
