import ProducerCLI

await ProducerCLI.main()
