import Core
print("bench")
