// Readers for each export format: see SourceReader.swift for how a path finds its reader.
