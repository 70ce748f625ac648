"""Skills: the CRCN/DigComp referential plus trade skills, workers' levels and evidence."""
