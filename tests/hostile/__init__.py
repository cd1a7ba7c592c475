"""Generators and a harness for hostile inputs (issue 15).

Every input is built at test time in a temporary folder: nothing large is committed. The
harness runs ``compose`` either in-process (fast; any exception that is not a ComposerError
escapes and fails the test as a traceback would) or in a subprocess under an address-space
limit and a timeout, for the inputs that could hang or eat memory.
"""
