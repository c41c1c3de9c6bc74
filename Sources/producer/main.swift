print("producer")
