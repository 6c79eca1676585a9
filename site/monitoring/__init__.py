"""Monitoring: participant surveys, the four questions of seed 002 answered from the cases
(indicators from registered providers), dashboards for heads of social services and regional
coordinators, and the annual report published as a page and a PDF."""
