"""ROC and precision-recall curves, and where one threshold sits on them."""

from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

from core.threshold import check_binary_labels


def threshold_curves(y_true, y_score):
    """Compute the ROC and precision-recall curves of a score.

    scikit-learn's curves call a sample positive when its score is at least
    the threshold, the same rule as :func:`core.threshold.predict_at_threshold`,
    so an operating point from :func:`operating_point` lies on them.

    Parameters
    ----------
    y_true : array-like of bool or 0/1 of shape (n_samples,)
        Actual classes, True for positive.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning more likely positive.

    Returns
    -------
    curves : dict
        ``fpr``, ``tpr`` and ``roc_thresholds`` from
        :func:`sklearn.metrics.roc_curve`; ``precision``, ``recall`` and
        ``pr_thresholds`` from :func:`sklearn.metrics.precision_recall_curve`;
        ``auc`` from :func:`sklearn.metrics.roc_auc_score`;
        ``average_precision`` from
        :func:`sklearn.metrics.average_precision_score`; ``prevalence``, the
        share of positives, which is the precision of a score unrelated to
        the class.

    Raises
    ------
    ValueError
        If ``y_true`` is not boolean or 0/1, or holds only one class, where
        neither curve is defined.
    """
    y_true = check_binary_labels(y_true)
    if y_true.all() or not y_true.any():
        raise ValueError("ROC and precision-recall curves need both classes in y_true, got only one.")
    fpr, tpr, roc_thresholds = roc_curve(y_true, y_score)
    precision, recall, pr_thresholds = precision_recall_curve(y_true, y_score)
    return {
        "fpr": fpr,
        "tpr": tpr,
        "roc_thresholds": roc_thresholds,
        "precision": precision,
        "recall": recall,
        "pr_thresholds": pr_thresholds,
        "auc": float(roc_auc_score(y_true, y_score)),
        "average_precision": float(average_precision_score(y_true, y_score)),
        "prevalence": float(y_true.mean()),
    }


def operating_point(counts):
    """Return the ROC and precision-recall coordinates of one threshold's confusion counts.

    Parameters
    ----------
    counts : dict
        ``{"tn", "fp", "fn", "tp"}`` as returned by
        :func:`core.threshold.binary_counts`, with both classes present.

    Returns
    -------
    point : dict
        ``fpr`` = FP / (FP + TN), ``tpr`` = ``recall`` = TP / (TP + FN) and
        ``precision`` = TP / (TP + FP), which is None when nothing is
        predicted positive.

    Raises
    ------
    ValueError
        If the counts hold no actual positive or no actual negative.

    Examples
    --------
    >>> operating_point({"tn": 8, "fp": 2, "fn": 1, "tp": 3})
    {'fpr': 0.2, 'tpr': 0.75, 'recall': 0.75, 'precision': 0.6}
    """
    negatives = counts["tn"] + counts["fp"]
    positives = counts["tp"] + counts["fn"]
    if not negatives or not positives:
        raise ValueError(f"Operating points need both classes, got counts {counts!r}.")
    predicted_positive = counts["tp"] + counts["fp"]
    recall = counts["tp"] / positives
    return {
        "fpr": counts["fp"] / negatives,
        "tpr": recall,
        "recall": recall,
        "precision": counts["tp"] / predicted_positive if predicted_positive else None,
    }
